import { Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiQuery } from '@nestjs/swagger';
import { parseInStateFlag, parseRadiusSegment, SeedUsState, SeedUsZip, US_DATA_FIELD_NAMES } from '@leadx/accounts-domain';
import { UsDataService, UsZipListResult } from '@leadx/accounts-data-access';
import { UsZipInputError } from '@leadx/catalog-data-access';
import { AccountApiController } from '../common/account-api.decorators';
import { AccountApiValidationError } from '../common/account-api.validation';
import { notFound } from '../common/not-found';

class UsStateView implements SeedUsState {
  @ApiProperty({ example: 36, description: "The state's two-digit FIPS code as a number" }) StateUID!: number;
  @ApiProperty({ example: 'New York' }) Name!: string;
  @ApiProperty({ example: 'NY' }) Abbr!: string;
}

class UsZipView implements SeedUsZip {
  @ApiProperty({ example: 10001, description: 'The zip as a number' }) USZipUID!: number;
  @ApiProperty({ example: '10001' }) ZIP!: string;
  @ApiProperty({ example: 'New York' }) City!: string;
  @ApiProperty({ example: 'NY' }) State!: string;
  @ApiProperty({ example: '36061', description: 'Five-digit county FIPS code' }) FIPS!: string;
  @ApiProperty({ example: 'New York' }) County!: string;
  @ApiProperty({ example: 'America/New_York' }) TimeZone!: string;
  @ApiProperty({ example: 40.7506 }) Lat!: number;
  @ApiProperty({ example: -73.9973 }) Long!: number;
}

/** A malformed segment is a 400 naming it as the seed does (ZipCode, State, County, FIPS, Radius). */
async function lookup(run: () => Promise<UsZipListResult>): Promise<SeedUsZip[]> {
  let result: UsZipListResult;
  try {
    result = await run();
  } catch (err) {
    if (err instanceof UsZipInputError) throw new AccountApiValidationError([{ Field: US_DATA_FIELD_NAMES[err.field], Message: err.message }]);
    throw err;
  }
  if ('missing' in result) throw notFound(result.missing.what, result.missing.id);
  return result.zips;
}

/**
 * Seed 003 US reference data, from the zip tables (`npm run data:zips` loads them). Lists come
 * sorted by zip; the radius search nearest first.
 */
@AccountApiController('US data')
@ApiBadRequestResponse({ description: 'A malformed state, county, FIPS code, zip code or radius (the field is named)' })
export class UsDataController {
  constructor(private readonly data: UsDataService) {}

  @Get('/v1/data/validation/states')
  @ApiOperation({ summary: 'Get States' })
  @ApiOkResponse({ type: [UsStateView] })
  states(): Promise<SeedUsState[]> {
    return this.data.states();
  }

  @Get('/v1/data/validation/us/zips/state/:State')
  @ApiOperation({ summary: 'Get US Zip Codes by State', description: 'State: two-letter code (any case) or name.' })
  @ApiOkResponse({ type: [UsZipView] })
  @ApiNotFoundResponse({ description: 'Unknown state' })
  byState(@Param('State') state: string): Promise<SeedUsZip[]> {
    return lookup(() => this.data.byState(state));
  }

  @Get('/v1/data/validation/us/zips/state/:State/:County')
  @ApiOperation({ summary: 'Get US Zip Codes by State and County', description: 'County in any case, with or without " County" / " Parish" / " Borough".' })
  @ApiOkResponse({ type: [UsZipView] })
  @ApiNotFoundResponse({ description: 'Unknown state, or no county of that name in it' })
  byStateAndCounty(@Param('State') state: string, @Param('County') county: string): Promise<SeedUsZip[]> {
    return lookup(() => this.data.byStateAndCounty(state, county));
  }

  @Get('/v1/data/validation/us/zips/fips/:FIPS')
  @ApiOperation({ summary: 'Get US Zip Codes by FIPS', description: 'FIPS: the five-digit county FIPS code (e.g. 36061).' })
  @ApiOkResponse({ type: [UsZipView] })
  @ApiNotFoundResponse({ description: 'No county with that FIPS code' })
  byFips(@Param('FIPS') fips: string): Promise<SeedUsZip[]> {
    return lookup(() => this.data.byCountyFips(fips));
  }

  @Get('/v1/data/validation/us/zips/:ZipCode/radius/:Radius')
  @ApiOperation({ summary: 'Get US Zip Codes by Radius', description: 'Radius in miles (0 to 500), nearest first, the centre included.' })
  @ApiQuery({ name: 'InState', required: false, description: 'true: only zips in the centre zip\'s state (true/false, 1/0; absent = false)' })
  @ApiOkResponse({ type: [UsZipView] })
  @ApiNotFoundResponse({ description: 'Unknown centre zip code' })
  byRadius(@Param('ZipCode') zip: string, @Param('Radius') radius: string, @Query('InState') inStateRaw: unknown): Promise<SeedUsZip[]> {
    const inState = parseInStateFlag(inStateRaw);
    if (inState === undefined) throw new AccountApiValidationError([{ Field: 'InState', Message: 'InState must be true or false' }]);
    return lookup(() => this.data.withinRadius(zip, parseRadiusSegment(radius), inState));
  }
}

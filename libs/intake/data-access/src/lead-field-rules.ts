import { DataSource } from 'typeorm';
import { CriteriaEnvironment } from '@leadx/catalog-criteria';
import { LeadTypeFieldEntity, UsZipDirectory, UsZipMemoryIndex } from '@leadx/catalog-data-access';
import { compileExpression, isExpressionError, isTruthy } from '@leadx/catalog-expressions';
import { CompiledFieldRules, compileFieldDefinitions, defineLeadField, LeadFieldDefinition, toFieldDataType, toSpecialBit } from '@leadx/intake-domain';

/** How lead_type_fields.settings stores the seed's field properties that have no column. */
interface FieldSettings {
  enabled?: boolean;
  computed?: boolean;
  computedExpr?: string;
  enumerated?: boolean;
  enums?: string[];
  validation?: string;
  invalidChars?: string;
  formatError?: string;
  formatString?: string;
  isState?: boolean;
}

export function toLeadFieldDefinition(row: Pick<LeadTypeFieldEntity, 'name' | 'dataType' | 'required' | 'specialBit' | 'settings'>): LeadFieldDefinition {
  const s = (row.settings ?? {}) as FieldSettings;
  return defineLeadField({
    name: row.name,
    dataType: toFieldDataType(row.dataType),
    required: row.required,
    specialBit: toSpecialBit(row.specialBit),
    enabled: s.enabled ?? true,
    computed: s.computed ?? false,
    computedExpr: s.computedExpr,
    enumerated: s.enumerated ?? false,
    enums: Array.isArray(s.enums) ? s.enums.map(String) : [],
    validation: s.validation || undefined,
    invalidChars: s.invalidChars || undefined,
    formatError: s.formatError || undefined,
    formatString: s.formatString || undefined,
    isState: s.isState ?? false,
  });
}

/**
 * Per lead type, the field definitions compiled once (regexes, expressions) for the hot path, and
 * the zip data for AppendCityStateFromPostalCode and Distance_Compare. Definitions are reloaded
 * after `ttlMs`, so an operator's change applies within seconds.
 */
export class LeadFieldRulesCache {
  private readonly rules = new Map<number, { compiled: CompiledFieldRules; expiresAt: number }>();
  private readonly zips: UsZipDirectory;
  private zipIndex?: UsZipMemoryIndex;
  private readonly expressions = new Map<string, ReturnType<typeof compileExpression>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly ttlMs = 5_000,
  ) {
    this.zips = new UsZipDirectory(dataSource);
  }

  /** Drops every cached definition (an Account API change was announced). */
  forget(): void {
    this.rules.clear();
  }

  async forLeadType(leadTypeId: number): Promise<CompiledFieldRules> {
    const hit = this.rules.get(leadTypeId);
    if (hit && hit.expiresAt > Date.now()) return hit.compiled;
    const rows = await this.dataSource.getRepository(LeadTypeFieldEntity).find({ where: { leadTypeId }, order: { id: 'ASC' } });
    const compiled = compileFieldDefinitions(rows.map(toLeadFieldDefinition));
    this.rules.set(leadTypeId, { compiled, expiresAt: Date.now() + this.ttlMs });
    return compiled;
  }

  /** The zip index, loaded on first use (about 7 MiB); undefined when no zip data is loaded. */
  async zipData(): Promise<UsZipMemoryIndex | undefined> {
    if (this.zipIndex) return this.zipIndex;
    try {
      this.zipIndex = await this.zips.inMemory();
    } catch {
      return undefined; // empty table: `npm run data:zips` not run; zip features degrade, leads still flow
    }
    return this.zipIndex;
  }

  /** What campaign Rules may use: the clock, zip distances and safe expressions over lead fields. */
  async criteriaEnvironment(): Promise<CriteriaEnvironment> {
    const zips = await this.zipData();
    return {
      now: () => new Date(),
      distanceMiles: zips ? (a, b) => zips.distanceMiles(a, b) : undefined,
      evaluateExpression: (source, lead) => {
        let compiled = this.expressions.get(source);
        if (!compiled) {
          compiled = compileExpression(source);
          if (this.expressions.size > 1_000) this.expressions.clear();
          this.expressions.set(source, compiled);
        }
        if (isExpressionError(compiled)) throw compiled;
        return isTruthy(compiled.evaluate(lead));
      },
    };
  }
}

import { CreatePlatformSchema1763900000000 } from './1763900000000-create-platform-schema';
import { CreateIntakeRequests1763900200000 } from './1763900200000-create-intake-requests';

/** Every migration, oldest first. Add new ones at the end; never edit or reorder applied ones. */
export const MIGRATIONS = [CreatePlatformSchema1763900000000, CreateIntakeRequests1763900200000];

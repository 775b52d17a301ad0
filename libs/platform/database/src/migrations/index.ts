import { CreatePlatformSchema1763900000000 } from './1763900000000-create-platform-schema';

/** Every migration, oldest first. Add new ones at the end; never edit or reorder applied ones. */
export const MIGRATIONS = [CreatePlatformSchema1763900000000];

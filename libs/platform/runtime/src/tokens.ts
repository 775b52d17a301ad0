/** Injection tokens for infrastructure that has no class of its own to inject by. */
export const REDIS = Symbol('REDIS');
export const LOGGER = Symbol('LOGGER');
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const KAFKA = Symbol('KAFKA');

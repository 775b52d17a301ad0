export * from './screen-lead.handler';

export * from './campaign-compliance.service';
export * from './campaigns.service';

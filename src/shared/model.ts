// Domain vocabulary shared by every layer, one file per domain under ./domain. Values here are
// what the database stores and what the contract carries; labels meant for people live in the
// renderer. Import from here, or from the domain's own file.
export * from './domain/items';
export * from './domain/item-views';
export * from './domain/detection';
export * from './domain/models';
export * from './domain/app';
export * from './domain/sync-status';
export * from './domain/cases';
export * from './domain/audit';
export * from './domain/qa';

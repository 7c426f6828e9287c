// Tables of the federation area; see db/schema.ts.
export {};

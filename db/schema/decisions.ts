// Tables of the decisions area; see db/schema.ts.
export {};

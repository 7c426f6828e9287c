// Tables of the meetings area; see db/schema.ts.
export {};

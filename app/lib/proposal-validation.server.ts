/**
 * The proposal forms' schemas, for actions. A route whose page does not validate in the
 * browser imports them from here: the browser build leaves *.server modules out, so the
 * page does not ship zod to phones (bench: 90 KB of the ballot page's gzipped JavaScript).
 */
export * from "./proposal-validation";

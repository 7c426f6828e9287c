/**
 * Both catalogues, for the server (and tests), which answer in either language at once.
 * The browser build leaves *.server modules out: a phone loads only its own language
 * (see loadCatalogue in ./index.ts; bench: the two were 38 KB of the ballot page's
 * gzipped JavaScript).
 */
export { en } from "./en";
export { es } from "./es";
export { IntlMessageFormat } from "intl-messageformat";

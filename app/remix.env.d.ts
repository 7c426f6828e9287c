import "@remix-run/node";

// Turns on single-fetch types (v3_singleFetch in remix.config.js).
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

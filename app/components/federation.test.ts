/**
 * The council's seats table as a page shows it: rendered on the server inside a router whose
 * root route gives the locale, as the app's root loader does.
 */
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { SeatsTable } from "./federation";

async function render(element: ReactElement, locale = "en") {
  const routes = [{ id: "root", path: "/", loader: () => ({ locale }), element }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  return renderToStaticMarkup(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }));
}

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 12);
const body = { id: "b1", name: "Elm Tenants", slug: "elm", kind: "assembly" };
const held = (name: string, gender: string | null) => ({ termId: `t-${name}`, userId: `u-${name}`, name, since: T0, until: T0 + 365 * DAY, gender });

describe("the seats table under a gender rule", () => {
  it("says 'not stated' for a delegate who never stated a gender, and 'Prefer not to say' only for one who chose it", async () => {
    const html = await render(createElement(SeatsTable, { seats: [{ body, held: [held("Abe", null), held("Amy", "unstated"), held("Ana", "woman")], vacant: 0 }], showGender: true, caption: "Seats" }));
    const cells = [...html.matchAll(/<td data-label="Gender[^"]*">(.*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, ""));
    expect(cells).toEqual(["not stated", "Prefer not to say", "Woman"]);
  });

  it("in Spanish too", async () => {
    const html = await render(createElement(SeatsTable, { seats: [{ body, held: [held("Abe", null)], vacant: 0 }], showGender: true, caption: "Escaños" }), "es");
    expect(html).toContain("no indicado");
  });

  it("shows no gender column without a gender rule", async () => {
    const html = await render(createElement(SeatsTable, { seats: [{ body, held: [held("Abe", null)], vacant: 1 }], showGender: false, caption: "Seats" }));
    expect(html).not.toMatch(/data-label="Gender/);
    expect(html).toContain("Vacant");
  });
});

import { describe, expect, it } from "vitest";
import { activeFilters, filtersToParams, parseFilters, toApiParams, toggleFilter, toggleYear } from "./filters";

describe("filters in the URL", () => {
  it("reads every filter and normalises the country code", () => {
    const f = parseFilters(new URLSearchParams("country=ar&vendor=ZTE&category=surveillance&mechanism=loan&status=signed&year_from=2015&year_to=2020&verified=1&q=cámaras"));
    expect(f).toEqual({ country: "AR", vendor: "ZTE", category: "surveillance", mechanism: "loan", status: "signed", yearFrom: 2015, yearTo: 2020, verified: true, q: "cámaras" });
  });

  it("drops values the API would refuse instead of failing the whole view", () => {
    expect(parseFilters(new URLSearchParams("country=ARG&category=spaceships&year_from=19&status=&verified=0"))).toEqual({});
  });

  it("round-trips: a link written from filters reads back as the same filters", () => {
    const f = { country: "BR", yearFrom: 2010, verified: true, q: "5G" };
    expect(parseFilters(filtersToParams(f))).toEqual(f);
  });

  it("keeps other parameters such as the language and replaces old filters", () => {
    expect(filtersToParams({ country: "AR" }, new URLSearchParams("lang=es&vendor=ZTE")).toString()).toBe("lang=es&country=AR");
  });

  it("turns 'verified only' into the API's review filter", () => {
    expect(toApiParams({ country: "AR", verified: true }).toString()).toBe("country=AR&review=verified");
  });

  it("clears a filter when the same bar or country is clicked twice", () => {
    const once = toggleFilter({}, "country", "AR");
    expect(once).toEqual({ country: "AR" });
    expect(toggleFilter(once, "country", "AR")).toEqual({});
    expect(toggleFilter(once, "country", "BR")).toEqual({ country: "BR" });
  });

  it("narrows to one year and back", () => {
    const y = toggleYear({ yearFrom: 2010 }, 2019);
    expect(y).toEqual({ yearFrom: 2019, yearTo: 2019 });
    expect(toggleYear(y, 2019)).toEqual({});
  });

  it("lists the active filters in URL order", () => {
    expect(activeFilters({ q: "x", country: "AR", verified: false })).toEqual(["country", "q"]);
  });
});

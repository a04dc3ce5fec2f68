// The OpenAPI 3.1 document, generated from the routes' zod schemas, at /api/openapi.json, and the
// interactive docs at /api/docs (Swagger UI served from the package, so it works offline).
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

export const API_VERSION = "0.1.0";

/** Registers on the root instance (not in a plugin of its own), so it sees every route added after. */
export function registerOpenApi(server: FastifyInstance): void {
  void server.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Digital Silk Road Observatory API",
        version: API_VERSION,
        description:
          "Evidence-backed records of foreign digital infrastructure in Latin America and the Caribbean. Every field of every project carries the quotes and sources that support it. Reads are public unless the operator closed them; writes need a bearer token (`dsr token create`). Data: CC BY 4.0 (the observatory's own), imported records keep their source's licence (AidData: ODC-By).",
        license: { name: "Code MIT; data CC BY 4.0 unless a record says otherwise", identifier: "MIT" },
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "a token from `dsr token create`" } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  void server.register(swaggerUi, { routePrefix: "/api/docs" });
  void server.register(async (scope) => {
    scope.get("/api/openapi.json", { schema: { hide: true } }, async () => server.swagger());
  });
}

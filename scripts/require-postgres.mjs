// `npm run test:pg` runs the API, services and store suites on PostgreSQL: it needs DATABASE_URL
// to name a server (for a throwaway one: DATABASE_URL=$(bash scripts/pg-test-server.sh start)).
const url = process.env.DATABASE_URL ?? "";
if (!/^postgres(ql)?:\/\//.test(url)) {
  console.error("test:pg: DATABASE_URL must name a PostgreSQL server (postgres://…); start a throwaway one with `bash scripts/pg-test-server.sh start`");
  process.exit(1);
}

// The API's JSON shapes, taken from the server's zod schemas (types only: nothing of the server
// reaches the bundle), so a change of shape fails the web typecheck instead of the page.
export type { Citation, ProjectDetail, ProjectSummary, PartyView } from "../../../src/domain/project.js";
export type { DocumentView, Group, OrganizationProfile, OrganizationSummary, PlaceView, SearchResult } from "../../../src/domain/views.js";
export type { Overview, OverviewPoint } from "../../../src/domain/overview.js";

import type { ProjectDetail, ProjectSummary } from "../../../src/domain/project.js";

export type ClaimValue = ProjectDetail["claims"][string][number];
export type ProjectWithRelated = ProjectDetail & { related: ProjectSummary[] };

export interface ProjectPage {
  items: ProjectSummary[];
  total: number;
  totalEstimated: boolean;
  amounts: { usd: number; counted: number; leftOut: { currency: string; value: number; count: number }[] };
  license: string;
}

export interface SessionInfo {
  name: string;
  role: "editor" | "admin";
  csrfToken: string | null;
}

export interface PostedDocument {
  status: "stored" | "duplicate";
  documentId: string;
  deals: number;
  projects: string[];
  warnings: string[];
  document: import("../../../src/domain/views.js").DocumentView;
}

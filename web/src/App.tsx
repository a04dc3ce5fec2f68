// The app: providers, the page frame and the routes (pages other than the overview load on demand).
import type { i18n } from "i18next";
import { lazy, Suspense } from "react";
import { I18nextProvider } from "react-i18next";
import { Route, Routes } from "react-router";
import { Layout } from "./components/Layout";
import { Loading } from "./components/StateView";
import { SessionProvider } from "./lib/session";
import { OverviewPage } from "./pages/OverviewPage";

const ProjectsPage = lazy(() => import("./pages/ProjectsPage"));
const ProjectPage = lazy(() => import("./pages/ProjectPage"));
const OrganizationPage = lazy(() => import("./pages/OrganizationPage"));
const CountryPage = lazy(() => import("./pages/CountryPage"));
const DocumentPage = lazy(() => import("./pages/DocumentPage"));
const AddSourcePage = lazy(() => import("./pages/AddSourcePage"));
const NotFoundPage = lazy(() => import("./pages/NotFoundPage"));
// The impact-assessment pages (/assessments/new?project=…, /assessments/:id) live in their own
// module so they can grow without touching this file.
const AssessmentRoutes = lazy(() => import("./pages/assessments/AssessmentRoutes"));
const WatchPage = lazy(() => import("./pages/watch/WatchPage"));

export function App({ i18n }: { i18n: i18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <SessionProvider>
        <Layout>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/" element={<OverviewPage />} />
              <Route path="/projects" element={<ProjectsPage />} />
              <Route path="/projects/:id" element={<ProjectPage />} />
              <Route path="/organizations/:id" element={<OrganizationPage />} />
              <Route path="/countries/:code" element={<CountryPage />} />
              <Route path="/documents/:id" element={<DocumentPage />} />
              <Route path="/sources/new" element={<AddSourcePage />} />
              <Route path="/assessments/*" element={<AssessmentRoutes />} />
              <Route path="/watch" element={<WatchPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </Layout>
      </SessionProvider>
    </I18nextProvider>
  );
}

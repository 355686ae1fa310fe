import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import { SECTIONS } from './navigation';
import ComingSoonPage from './pages/ComingSoonPage.vue';
import WorkbenchPage from './pages/WorkbenchPage.vue';
import PeopleListPage from './pages/people/PeopleListPage.vue';
import PersonPage from './pages/people/PersonPage.vue';
import SettingsPage from './pages/settings/SettingsPage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** The menu entry to highlight. */
    section?: string;
  }
}

const placeholders: RouteRecordRaw[] = SECTIONS.filter((s) => s.comingSoon).map((section) => ({
  path: section.path,
  component: ComingSoonPage,
  props: { title: section.label, description: section.comingSoon, icon: section.icon },
  meta: { section: section.key },
}));

const routes: RouteRecordRaw[] = [
  { path: '/', component: WorkbenchPage, meta: { section: 'workbench' } },
  { path: '/people', component: PeopleListPage, meta: { section: 'people' } },
  { path: '/people/new', component: PersonPage, meta: { section: 'people' } },
  {
    path: '/people/:id(\\d+)',
    component: PersonPage,
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { section: 'people' },
  },
  ...placeholders,
  { path: '/settings', component: SettingsPage, meta: { section: 'settings' } },
  { path: '/:unknown(.*)*', redirect: '/' },
];

// Hash history: Electron (app://) and the web host both serve one index.html and route nothing themselves.
export const router = createRouter({ history: createWebHashHistory(), routes });

import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import WorkbenchPage from './pages/WorkbenchPage.vue';
import BatchesPage from './pages/batches/BatchesPage.vue';
import BatchPage from './pages/batches/BatchPage.vue';
import DeclarationPage from './pages/declarations/DeclarationPage.vue';
import PeopleListPage from './pages/people/PeopleListPage.vue';
import PersonPage from './pages/people/PersonPage.vue';
import SettingsPage from './pages/settings/SettingsPage.vue';
import InboxPage from './pages/inbox/InboxPage.vue';
import TemplatesPage from './pages/templates/TemplatesPage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** The menu entry to highlight. */
    section?: string;
  }
}

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
  { path: '/batches', component: BatchesPage, meta: { section: 'batches' } },
  {
    path: '/batches/:id(\\d+)',
    component: BatchPage,
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { section: 'batches' },
  },
  {
    path: '/declarations/:id(\\d+)',
    component: DeclarationPage,
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { section: 'batches' },
  },
  { path: '/inbox', component: InboxPage, meta: { section: 'inbox' } },
  { path: '/templates', component: TemplatesPage, meta: { section: 'templates' } },
  { path: '/settings', component: SettingsPage, meta: { section: 'settings' } },
  { path: '/:unknown(.*)*', redirect: '/' },
];

// Hash history: Electron (app://) and the web host both serve one index.html and route nothing themselves.
export const router = createRouter({ history: createWebHashHistory(), routes });

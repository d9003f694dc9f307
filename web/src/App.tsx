import { lazy, Suspense, type ComponentType } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Shell } from './layout/Shell';
import { Empty, Loading } from './ui/states';

// Each screen is its own chunk: the trace graph's layout engine loads only when a trace opens.
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const DashboardPage = page(() => import('./features/dashboard/DashboardPage'), 'DashboardPage');
const LotsPage = page(() => import('./features/lots/LotsPage'), 'LotsPage');
const LotPage = page(() => import('./features/lots/LotPage'), 'LotPage');
const TracePage = page(() => import('./features/trace/TracePage'), 'TracePage');
const RecallsPage = page(() => import('./features/recalls/RecallsPage'), 'RecallsPage');
const RecallWizardPage = page(() => import('./features/recalls/RecallWizardPage'), 'RecallWizardPage');
const RecallPage = page(() => import('./features/recalls/RecallPage'), 'RecallPage');
const ReceivePage = page(() => import('./features/operations/ReceivePage'), 'ReceivePage');
const ProducePage = page(() => import('./features/operations/ProducePage'), 'ProducePage');
const ShipPage = page(() => import('./features/operations/ShipPage'), 'ShipPage');
const SalesOrdersPage = page(() => import('./features/orders/SalesOrdersPage'), 'SalesOrdersPage');
const SalesOrderPage = page(() => import('./features/orders/SalesOrderPage'), 'SalesOrderPage');
const PurchaseOrdersPage = page(() => import('./features/orders/PurchaseOrdersPage'), 'PurchaseOrdersPage');
const PurchaseOrderPage = page(() => import('./features/orders/PurchaseOrderPage'), 'PurchaseOrderPage');
const ProductionOrdersPage = page(() => import('./features/orders/ProductionOrdersPage'), 'ProductionOrdersPage');
const ProductionOrderPage = page(() => import('./features/orders/ProductionOrderPage'), 'ProductionOrderPage');
const ExpiryPage = page(() => import('./features/expiry/ExpiryPage'), 'ExpiryPage');
const WastePage = page(() => import('./features/waste/WastePage'), 'WastePage');

/** Every screen and its address; lot codes are URL-encoded path segments (they may hold "/"). */
export function App() {
  return (
    <BrowserRouter>
      <Shell>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<DashboardPage />} />
            <Route path="/lots" element={<LotsPage />} />
            <Route path="/lots/:sku/:lot" element={<LotPage />} />
            <Route path="/trace/:sku/:lot" element={<TracePage />} />
            <Route path="/recalls" element={<RecallsPage />} />
            <Route path="/recalls/new" element={<RecallWizardPage />} />
            <Route path="/recalls/:id" element={<RecallPage />} />
            <Route path="/receive" element={<ReceivePage />} />
            <Route path="/produce" element={<ProducePage />} />
            <Route path="/ship" element={<ShipPage />} />
            <Route path="/orders/sales" element={<SalesOrdersPage />} />
            <Route path="/orders/sales/:id" element={<SalesOrderPage />} />
            <Route path="/orders/purchase" element={<PurchaseOrdersPage />} />
            <Route path="/orders/purchase/:id" element={<PurchaseOrderPage />} />
            <Route path="/orders/production" element={<ProductionOrdersPage />} />
            <Route path="/orders/production/:id" element={<ProductionOrderPage />} />
            <Route path="/expiry" element={<ExpiryPage />} />
            <Route path="/waste" element={<WastePage />} />
            <Route path="*" element={<Empty>There is no page at this address.</Empty>} />
          </Routes>
        </Suspense>
      </Shell>
    </BrowserRouter>
  );
}

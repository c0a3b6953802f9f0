import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useViewer } from './auth/auth-context';
import { RequireAuth } from './auth/RequireAuth';
import { RequireRole } from './auth/RequireRole';
import { consolePath } from './auth/roles';
import { AppShell } from './layout/AppShell';

// Each page is its own chunk: the sign-in page loads only what it needs.
const LandingPage = lazy(() => import('../features/landing/LandingPage'));
const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const ConsolePage = lazy(() => import('../features/console/ConsolePage'));
const QueuePage = lazy(() => import('../features/ops/QueuePage'));
const CasePage = lazy(() => import('../features/cases/CasePage'));
const MerchantCasesPage = lazy(() => import('../features/merchant/MerchantCasesPage'));
const CustomerCasesPage = lazy(() => import('../features/customer/CustomerCasesPage'));
const CustomerOrdersPage = lazy(() => import('../features/customer/CustomerOrdersPage'));
const OpenReturnPage = lazy(() => import('../features/customer/OpenReturnPage'));
const StockPage = lazy(() => import('../features/stock/StockPage'));
const RulesPage = lazy(() => import('../features/rules/RulesPage'));
const AdminPage = lazy(() => import('../features/admin/AdminPage'));
const NotFoundPage = lazy(() => import('../features/not-found/NotFoundPage'));
const PasswordPage = lazy(() => import('../features/account/PasswordPage'));

/** /console without a role: the signed-in user's own console. */
function OwnConsoleRedirect() {
  const viewer = useViewer();
  return viewer ? <Navigate to={consolePath(viewer.role)} replace /> : null;
}

const STAFF = ['OPS', 'ADMIN'] as const;

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<LandingPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route
          path="console"
          element={
            <RequireAuth>
              <OwnConsoleRedirect />
            </RequireAuth>
          }
        />
        <Route
          path="console/:role"
          element={
            <RequireAuth>
              <ConsolePage />
            </RequireAuth>
          }
        />
        <Route path="ops" element={<RequireRole roles={STAFF}><QueuePage /></RequireRole>} />
        <Route path="ops/:caseId" element={<RequireRole roles={STAFF}><CasePage /></RequireRole>} />
        <Route path="merchant" element={<RequireRole roles={['MERCHANT']}><MerchantCasesPage /></RequireRole>} />
        <Route path="merchant/:caseId" element={<RequireRole roles={['MERCHANT']}><CasePage /></RequireRole>} />
        <Route path="stock" element={<RequireRole roles={['MERCHANT']}><StockPage /></RequireRole>} />
        <Route path="rules" element={<RequireRole roles={['MERCHANT']}><RulesPage /></RequireRole>} />
        <Route path="customer" element={<RequireRole roles={['CUSTOMER']}><CustomerCasesPage /></RequireRole>} />
        <Route path="customer/orders" element={<RequireRole roles={['CUSTOMER']}><CustomerOrdersPage /></RequireRole>} />
        <Route path="customer/orders/:orderId/return" element={<RequireRole roles={['CUSTOMER']}><OpenReturnPage /></RequireRole>} />
        <Route path="customer/:caseId" element={<RequireRole roles={['CUSTOMER']}><CasePage /></RequireRole>} />
        {/* The shared case page: every role may open it; what it shows depends on who they are. */}
        <Route path="cases/:caseId" element={<RequireAuth><CasePage /></RequireAuth>} />
        <Route path="account/password" element={<RequireAuth><PasswordPage /></RequireAuth>} />
        <Route path="admin" element={<RequireRole roles={['ADMIN']}><AdminPage /></RequireRole>} />
        <Route path="admin/:section" element={<RequireRole roles={['ADMIN']}><AdminPage /></RequireRole>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

import { NavLink } from 'react-router';

/** The customer's two lists: their returns and their orders (NavLink marks the current one with aria-current). */
export function CustomerNav() {
  return (
    <nav className="segmented customer-nav" aria-label="Your account">
      <NavLink className="segmented__item" to="/customer" end>
        Your returns
      </NavLink>
      <NavLink className="segmented__item" to="/customer/orders" end>
        Your orders
      </NavLink>
    </nav>
  );
}

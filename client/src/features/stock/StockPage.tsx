import { StockList } from './StockList';

/** /stock — a merchant's stock per SKU. */
export default function StockPage() {
  return (
    <div className="page">
      <title>Stock · ReturnHub</title>
      <header className="page-header">
        <div>
          <p className="eyebrow">Your products</p>
          <h1>Stock</h1>
          <p className="muted">Units in stock per SKU. Returned goods that pass inspection go back into stock.</p>
        </div>
      </header>
      <StockList />
    </div>
  );
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { CustomerProfile } from '../server/src/modules/users/customer-profile.entity.js';
import { MerchantProfile } from '../server/src/modules/users/merchant-profile.entity.js';
import { Product } from '../server/src/modules/orders/product.entity.js';
import { User } from '../server/src/modules/users/user.entity.js';
import { RefundTiming, Role, SlaTimeoutAction } from '../server/src/modules/users/user.enums.js';
import { DAY_MS } from '../server/src/shared/clock.js';
import { stableId } from './stable-id.js';

export const DEMO_USERS = [
  { username: 'admin.demo', displayName: 'Ada Admin', role: Role.ADMIN },
  { username: 'ops.demo', displayName: 'Oscar Ops', role: Role.OPS },
  { username: 'customer.one', displayName: 'Chloe Carter', role: Role.CUSTOMER },
  { username: 'customer.two', displayName: 'Carlos Diaz', role: Role.CUSTOMER },
  { username: 'merchant.one', displayName: 'Mina Park (Northwind Goods)', role: Role.MERCHANT },
  { username: 'merchant.two', displayName: 'Marco Rossi (Bazaar Marketplace)', role: Role.MERCHANT },
  // The outcomes demo (issue 22): a merchant with saved return rules and its own customer (demo-outcomes.ts).
  { username: 'merchant.three', displayName: 'Tomas Berg (Tidewater Outfitters)', role: Role.MERCHANT },
  { username: 'customer.three', displayName: 'Tess Nguyen', role: Role.CUSTOMER },
] as const;

// Categories feed the risk model (feature contract 2.0.0); the rug has none, so the demo shows 'unknown' too.
export const PRODUCTS: Record<MerchantKey, Array<[sku: string, name: string, priceMinor: number, category: string | null]>> = {
  one: [
    ['NW-HEAD-01', 'Noise-cancelling headphones', 14_999, 'electronics'],
    ['NW-KETL-02', 'Electric kettle, 1.7 l', 4_999, 'electronics'],
    ['NW-LAMP-03', 'Desk lamp with dimmer', 3_499, 'home'],
    ['NW-BOOT-04', 'Waterproof hiking boots', 11_900, 'sports'],
    ['NW-JACK-05', 'Rain jacket', 8_900, 'apparel'],
    ['NW-MUG-06', 'Stoneware mug set (4)', 2_999, 'home'],
    ['NW-CLEAR-07', 'Clearance tote bag (final sale)', 999, 'apparel'],
  ],
  two: [
    ['BZ-WATCH-01', 'Vintage-style wristwatch', 12_500, 'apparel'],
    ['BZ-SCARF-02', 'Merino scarf', 3_900, 'apparel'],
    ['BZ-SPKR-03', 'Bluetooth speaker', 5_999, 'electronics'],
    ['BZ-PLANT-04', 'Ceramic planter', 2_450, 'home'],
    ['BZ-RUG-05', 'Hand-woven rug', 18_900, null],
  ],
  three: [
    ['TW-SOCK-01', 'Merino hiking socks', 1_299, 'apparel'],
    ['TW-LITE-02', 'Rechargeable headlamp', 1_450, 'electronics'],
    ['TW-BOTL-03', 'Insulated bottle, 750 ml', 2_499, 'home'],
    ['TW-TENT-04', 'Two-person tent', 18_900, 'sports'],
  ],
};

export type MerchantKey = 'one' | 'two' | 'three';

/** The demo's people and what they sell: users, customer and merchant profiles, products. */
export interface DemoCatalogue {
  users: Map<string, User>;
  customers: User[];
  merchants: Record<MerchantKey, MerchantProfile>;
  products: Map<string, Product>;
}

export function seedDemoCatalogue(tx: EntityManager, at: (msBefore: number) => Date, passwordHash: string): DemoCatalogue {
  const users = new Map<string, User>();
  for (const u of DEMO_USERS) {
    users.set(u.username, tx.create(User, {
      id: stableId(`user:${u.username}`),
      username: u.username,
      email: `${u.username}@returnhub.test`,
      displayName: u.displayName,
      role: u.role,
      passwordHash,
      createdAt: at(120 * DAY_MS),
      updatedAt: at(120 * DAY_MS),
    }));
  }
  const customers = [users.get('customer.one')!, users.get('customer.two')!];
  customers.forEach((user, i) => tx.create(CustomerProfile, {
    id: stableId(`customer-profile:${user.username}`),
    user,
    phone: `+1 555 010${i + 1}`,
    shippingAddress: i === 0 ? '12 Harbour Street, Portland, OR 97201, USA' : '88 Elm Avenue, Austin, TX 78701, USA',
  }));
  const merchants = {
    one: tx.create(MerchantProfile, {
      id: stableId('merchant:one'),
      user: users.get('merchant.one')!,
      name: 'Northwind Goods',
      warehouseAddress: 'Northwind Returns, Dock 4, 200 Industrial Way, Reno, NV 89502, USA',
      createdAt: at(120 * DAY_MS),
    }),
    two: tx.create(MerchantProfile, {
      id: stableId('merchant:two'),
      user: users.get('merchant.two')!,
      name: 'Bazaar Marketplace',
      marketplaceSeller: true,
      returnWindowDays: 7,
      responseSlaHours: 48,
      slaTimeoutAction: SlaTimeoutAction.AUTO_APPROVE,
      autoApproveLimitMinor: 2_500,
      restockingFeePercent: 10,
      refundShipping: true,
      warehouseAddress: 'Bazaar Marketplace Returns, Unit 9, 14 Canal Road, Newark, NJ 07105, USA',
      createdAt: at(120 * DAY_MS),
    }),
    // Saved return rules (demo-outcomes.ts); money moves at the parcel's first carrier scan.
    three: tx.create(MerchantProfile, {
      id: stableId('merchant:three'),
      user: users.get('merchant.three')!,
      name: 'Tidewater Outfitters',
      refundTiming: RefundTiming.FIRST_CARRIER_SCAN,
      warehouseAddress: 'Tidewater Returns, Bay 2, 61 Pier Road, Seattle, WA 98101, USA',
      createdAt: at(120 * DAY_MS),
    }),
  };
  const products = new Map<string, Product>();
  for (const key of ['one', 'two', 'three'] as const) {
    for (const [sku, name, priceMinor, category] of PRODUCTS[key]) {
      products.set(sku, tx.create(Product, { id: stableId(`product:${sku}`), merchant: merchants[key], sku, name, priceMinor, category, stock: 40 }));
    }
  }
  return { users, customers, merchants, products };
}

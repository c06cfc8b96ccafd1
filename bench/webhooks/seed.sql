-- Payments waiting for their provider's report, inserted in bulk (psql variables: n = measured payments,
-- w = warm-up payments). Everything derives from the payment's number i, with the same formulas as WebhookBench.java:
--   odd i: M-Pesa, CheckoutRequestID ws_CO_<kind>_<i>, phone 2547<8 digits>; even i: Stripe, PaymentIntent pi_<kind>_<i>
--   amount: (100 + (i * 37) % 4900) whole shillings, in cents, KES
-- Each payment is for a PENDING_PAYMENT checkout of one buyer holding one order (one seller, one line, quantity 1)
-- whose product has the unit reserved, as CheckoutService leaves them, so that ordering's listener confirms them.
-- kind = 'bench' for the measured payments, 'warm' for the warm-up ones (never counted).
\set ON_ERROR_STOP 1
begin;

insert into users (id, email, email_verified, username, full_name, seller, created_at, updated_at)
select md5('hookbench-user-' || u)::uuid, 'hookbench-' || u || '@bench.local', true, 'hookbench_' || u,
       'Bench user ' || u, u > 100, now(), now()
  from generate_series(1, 200) u; -- 1..100 buyers, 101..200 sellers

insert into categories (id, name, slug, path, depth, created_at, updated_at)
values (md5('hookbench-category')::uuid, 'Bench', 'hookbench', '/' || md5('hookbench-category')::uuid || '/', 0,
        now(), now());

-- 1 000 products, 10 per seller; reserved is set below from the order lines
insert into products (id, seller_id, category_id, title, description, price_amount, price_currency, on_hand, status,
                      created_at, updated_at)
select md5('hookbench-product-' || p)::uuid, md5('hookbench-user-' || (101 + p % 100))::uuid,
       md5('hookbench-category')::uuid, 'Bench product ' || p, 'Bench', 100000, 'KES', 1000000, 'ACTIVE', now(), now()
  from generate_series(0, 999) p;

create temporary table bench_payments on commit drop as
select kind, i,
       md5('hookbench-checkout-' || kind || '-' || i)::uuid                      as checkout_id,
       md5('hookbench-order-' || kind || '-' || i)::uuid                         as order_id,
       md5('hookbench-payment-' || kind || '-' || i)::uuid                       as payment_id,
       md5('hookbench-user-' || (1 + i % 100))::uuid                             as buyer_id,
       md5('hookbench-user-' || (101 + (i % 1000) % 100))::uuid                  as seller_id,
       md5('hookbench-product-' || (i % 1000))::uuid                             as product_id,
       (100 + (i * 37) % 4900)::bigint * 100                                     as amount,
       i % 2 = 1                                                                 as mpesa
  from (select 'bench' as kind, i from generate_series(1, :n) i
        union all
        select 'warm', i from generate_series(1, :w) i) s;

insert into checkouts (id, buyer_id, status, total_amount, currency, shipping_address, expires_at, created_at,
                       updated_at)
select checkout_id, buyer_id, 'PENDING_PAYMENT', amount, 'KES',
       '{"fullName":"Bench Buyer","phoneNumber":"+254700000000","line1":"1 Bench Road","city":"Nairobi","country":"KE"}',
       now() + interval '1 day', now(), now()
  from bench_payments;

insert into orders (id, checkout_id, buyer_id, seller_id, status, subtotal_amount, currency, shipping_address,
                    created_at, updated_at)
select order_id, checkout_id, buyer_id, seller_id, 'PENDING_PAYMENT', amount, 'KES',
       '{"fullName":"Bench Buyer","phoneNumber":"+254700000000","line1":"1 Bench Road","city":"Nairobi","country":"KE"}',
       now(), now()
  from bench_payments;

insert into order_items (order_id, product_id, title, unit_price_amount, quantity, line_total_amount)
select order_id, product_id, 'Bench product', amount, 1, amount from bench_payments;

insert into order_events (order_id, sequence, status, actor_id, actor_role, at)
select order_id, 1, 'PENDING_PAYMENT', buyer_id, 'BUYER', now() from bench_payments;

update products p set reserved = r.units
  from (select product_id, count(*) as units from bench_payments group by product_id) r
 where p.id = r.product_id;

-- next_check_at a day ahead: the reconciliation job leaves them to the webhooks
insert into payments (id, purpose, reference_id, payer_id, method, provider, status, amount, currency, phone_number,
                      provider_reference, client_secret, next_check_at, created_at, updated_at)
select payment_id, 'CHECKOUT', checkout_id, buyer_id,
       case when mpesa then 'MPESA' else 'CARD' end,
       case when mpesa then 'MPESA' else 'STRIPE' end,
       'PENDING', amount, 'KES',
       case when mpesa then '2547' || lpad(i::text, 8, '0') end,
       case when mpesa then 'ws_CO_' || kind || '_' || i else 'pi_' || kind || '_' || i end,
       case when mpesa then null else 'pi_' || kind || '_' || i || '_secret_bench' end,
       now() + interval '1 day', now(), now()
  from bench_payments;

commit;
analyze;

-- The floor: every statement one POST /checkouts issues (cart of 3 lines from 2 sellers), in the same order and
-- transactions, straight against PostgreSQL. One pgbench client = one buyer with its own 3 products (bench_clients,
-- written by the throughput run). Run with -M prepared, like the app's JDBC driver.
select buyer, p1, p2, p3, s1, s2 from bench_clients where client = :client_id \gset
-- the load generator's cart refill (not part of the checkout, but part of the measured loop in both cases)
insert into cart_items (user_id, product_id, quantity, added_at)
values (:buyer::uuid, :p1::uuid, 1, now()), (:buyer::uuid, :p2::uuid, 1, now()), (:buyer::uuid, :p3::uuid, 1, now());
-- 1st transaction: the Idempotency-Key claim
begin;
select gen_random_uuid()::text as key, gen_random_uuid() as cid, gen_random_uuid() as o1, gen_random_uuid() as o2 \gset
delete from idempotency_keys where user_id = :buyer::uuid and idempotency_key = :key and expires_at <= now();
insert into idempotency_keys (user_id, idempotency_key, scope, request_hash, status, locked_until, created_at, expires_at)
values (:buyer::uuid, :key, 'POST /checkouts', '\x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff'::bytea,
        'IN_PROGRESS', now() + interval '1 minute', now(), now() + interval '24 hours')
on conflict (user_id, idempotency_key) do nothing;
commit;
-- 2nd transaction: the checkout and the stored response
begin;
select pg_advisory_xact_lock(hashtext(:buyer));
select count(*) from checkouts where buyer_id = :buyer::uuid and status = 'PENDING_PAYMENT' and expires_at > now();
delete from cart_items where user_id = :buyer::uuid returning product_id, quantity;
select id, seller_id, title, price_amount, price_currency, status, on_hand - reserved as stock
  from products where id in (:p1::uuid, :p2::uuid, :p3::uuid);
update products set reserved = reserved + 1 where id = :p1::uuid and status = 'ACTIVE' and on_hand - reserved >= 1;
update products set reserved = reserved + 1 where id = :p2::uuid and status = 'ACTIVE' and on_hand - reserved >= 1;
update products set reserved = reserved + 1 where id = :p3::uuid and status = 'ACTIVE' and on_hand - reserved >= 1;
insert into checkouts (id, buyer_id, status, total_amount, currency, shipping_address, expires_at, created_at, updated_at)
values (:cid::uuid, :buyer::uuid, 'PENDING_PAYMENT', 7500, 'KES',
        '{"fullName":"Wanjiku Kamau","phoneNumber":"+254 712 345678","line1":"Moi Avenue 12","city":"Nairobi","country":"KE"}'::jsonb,
        now() + interval '15 minutes', now(), now());
insert into orders (id, checkout_id, buyer_id, seller_id, status, subtotal_amount, currency, shipping_address, created_at, updated_at)
values (:o1::uuid, :cid::uuid, :buyer::uuid, :s1::uuid, 'PENDING_PAYMENT', 3500, 'KES',
        '{"fullName":"Wanjiku Kamau","phoneNumber":"+254 712 345678","line1":"Moi Avenue 12","city":"Nairobi","country":"KE"}'::jsonb, now(), now());
insert into order_items (order_id, product_id, title, unit_price_amount, quantity, line_total_amount)
values (:o1::uuid, :p1::uuid, 'Bench product', 1000, 1, 1000);
insert into order_items (order_id, product_id, title, unit_price_amount, quantity, line_total_amount)
values (:o1::uuid, :p2::uuid, 'Bench product', 2500, 1, 2500);
insert into order_events (order_id, sequence, status, previous_status, note, tracking_number, actor_id, actor_role, at)
values (:o1::uuid, 1, 'PENDING_PAYMENT', null, null, null, :buyer::uuid, 'BUYER', now());
insert into orders (id, checkout_id, buyer_id, seller_id, status, subtotal_amount, currency, shipping_address, created_at, updated_at)
values (:o2::uuid, :cid::uuid, :buyer::uuid, :s2::uuid, 'PENDING_PAYMENT', 4000, 'KES',
        '{"fullName":"Wanjiku Kamau","phoneNumber":"+254 712 345678","line1":"Moi Avenue 12","city":"Nairobi","country":"KE"}'::jsonb, now(), now());
insert into order_items (order_id, product_id, title, unit_price_amount, quantity, line_total_amount)
values (:o2::uuid, :p3::uuid, 'Bench product', 4000, 1, 4000);
insert into order_events (order_id, sequence, status, previous_status, note, tracking_number, actor_id, actor_role, at)
values (:o2::uuid, 1, 'PENDING_PAYMENT', null, null, null, :buyer::uuid, 'BUYER', now());
-- the response is read back (OrderViews.checkout): orders, items, buyer and seller faces, the checkout
select id from orders where checkout_id = :cid::uuid;
select o.id, o.checkout_id, o.buyer_id, o.seller_id, o.subtotal_amount, o.currency, o.status,
       o.shipping_address::text as shipping_address, o.tracking_number, o.created_at, o.updated_at
  from orders o where o.id in (:o1::uuid, :o2::uuid) order by o.seller_id, o.id;
select i.order_id, i.product_id, i.title, i.unit_price_amount, i.quantity, i.line_total_amount, o.currency
  from order_items i join orders o on o.id = i.order_id where i.order_id in (:o1::uuid, :o2::uuid)
 order by i.order_id, i.product_id;
select id, username, full_name, avatar_key from users where id in (:buyer::uuid);
select id, username, shop_name from users where id in (:s1::uuid, :s2::uuid);
select id, status, total_amount, currency, expires_at, created_at from checkouts where id = :cid::uuid;
update idempotency_keys set status = 'COMPLETED', response_status = 201, response_body = '\x7b7d'::bytea
 where user_id = :buyer::uuid and idempotency_key = :key;
commit;

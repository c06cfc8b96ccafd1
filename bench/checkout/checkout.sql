-- The floor: every statement one POST /checkouts issues (cart of 3 lines from 2 sellers), in the same order and in the
-- same single transaction, straight against PostgreSQL. One pgbench client = one buyer with its own 3 products
-- (bench_clients, written by the throughput run). Run with -M prepared, like the app's JDBC driver. Ids the app makes
-- in Java are made here from pgbench's random numbers, without a round trip.
\set n random(1, 281474976710655)
select buyer, p1, p2, p3, s1, s2 from bench_clients where client = :client_id \gset
-- the load generator's cart refill (not part of the checkout, but part of the measured loop in both cases)
insert into cart_items (user_id, product_id, quantity, added_at)
values (:buyer::uuid, :p1::uuid, 1, now()), (:buyer::uuid, :p2::uuid, 1, now()), (:buyer::uuid, :p3::uuid, 1, now());
begin;
-- IdempotentRequests.claim: the key, under a transaction-scoped advisory lock
insert into idempotency_keys (user_id, idempotency_key, scope, request_hash, status, locked_until, created_at, expires_at)
select :buyer::uuid, 'k' || :client_id || '-' || :n, 'POST /checkouts',
       '\x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff'::bytea, 'IN_PROGRESS',
       now() + interval '1 minute', now(), now() + interval '24 hours'
 where pg_try_advisory_xact_lock(hashtextextended('idempotency ' || :buyer || ' k' || :client_id || '-' || :n, 0))
on conflict (user_id, idempotency_key) do update
   set scope = excluded.scope, request_hash = excluded.request_hash, status = excluded.status,
       response_status = null, response_body = null, locked_until = excluded.locked_until,
       created_at = excluded.created_at, expires_at = excluded.expires_at
 where idempotency_keys.expires_at <= excluded.created_at;
-- CheckoutService.checkout
select pg_advisory_xact_lock(hashtext(:buyer));
select count(*) from checkouts where buyer_id = :buyer::uuid and status = 'PENDING_PAYMENT' and expires_at > now();
delete from cart_items where user_id = :buyer::uuid returning product_id, quantity;
select id, seller_id, title, price_amount, price_currency, status, on_hand - reserved as stock
  from products where id in (:p1::uuid, :p2::uuid, :p3::uuid);
-- CatalogApi.reserve: the rows locked in one order, then one conditional update for the whole cart
with locked as (
    select p.id
      from unnest(array[:p1, :p2, :p3]::uuid[]) with ordinality as line(id, position)
      join products p on p.id = line.id
     order by line.position
       for no key update of p
)
update products p set reserved = p.reserved + line.quantity
  from unnest(array[:p1, :p2, :p3]::uuid[], array[1, 1, 1]::int[]) as line(id, quantity)
 where p.id = line.id and p.id in (select id from locked)
   and p.status = 'ACTIVE' and p.on_hand - p.reserved >= line.quantity
returning p.id;
-- OrderStore.insertCheckout: checkout, 2 orders, 3 items, 2 timeline entries in one statement
with checkout as (
    insert into checkouts (id, buyer_id, status, total_amount, currency, shipping_address, expires_at, created_at,
                           updated_at)
    values (('c' || lpad(to_hex(:client_id::int), 7, '0') || '-0000-4000-8000-' || lpad(to_hex(:n::bigint), 12, '0'))::uuid,
            :buyer::uuid, 'PENDING_PAYMENT', 7500, 'KES',
            '{"fullName":"Wanjiku Kamau","phoneNumber":"+254 712 345678","line1":"Moi Avenue 12","city":"Nairobi","country":"KE"}'::jsonb,
            now() + interval '15 minutes', now(), now())
), placed as (
    insert into orders (id, checkout_id, buyer_id, seller_id, status, subtotal_amount, currency, shipping_address,
                        created_at, updated_at)
    select o.id, ('c' || lpad(to_hex(:client_id::int), 7, '0') || '-0000-4000-8000-' || lpad(to_hex(:n::bigint), 12, '0'))::uuid,
           :buyer::uuid, o.seller_id, o.status, o.subtotal, 'KES',
           '{"fullName":"Wanjiku Kamau","phoneNumber":"+254 712 345678","line1":"Moi Avenue 12","city":"Nairobi","country":"KE"}'::jsonb,
           now(), now()
      from unnest(array['a' || lpad(to_hex(:client_id::int), 7, '0') || '-0000-4000-8000-' || lpad(to_hex(:n::bigint), 12, '0'),
                        'b' || lpad(to_hex(:client_id::int), 7, '0') || '-0000-4000-8000-' || lpad(to_hex(:n::bigint), 12, '0')]::uuid[],
                  array[:s1, :s2]::uuid[], array['PENDING_PAYMENT', 'PENDING_PAYMENT']::text[],
                  array[3500, 4000]::bigint[]) as o(id, seller_id, status, subtotal)
), lines as (
    insert into order_items (order_id, product_id, title, unit_price_amount, quantity, line_total_amount)
    select * from unnest(array['a' || lpad(to_hex(:client_id::int), 7, '0') || '-0000-4000-8000-' || lpad(to_hex(:n::bigint), 12, '0'),
                               'a' || lpad(to_hex(:client_id::int), 7, '0') || '-0000-4000-8000-' || lpad(to_hex(:n::bigint), 12, '0'),
                               'b' || lpad(to_hex(:client_id::int), 7, '0') || '-0000-4000-8000-' || lpad(to_hex(:n::bigint), 12, '0')]::uuid[],
                         array[:p1, :p2, :p3]::uuid[], array['Bench product', 'Bench product', 'Bench product']::text[],
                         array[1000, 2500, 4000]::bigint[], array[1, 1, 1]::int[], array[1000, 2500, 4000]::bigint[])
)
insert into order_events (order_id, sequence, status, previous_status, note, tracking_number, actor_id, actor_role, at)
select e.order_id, e.sequence, e.status, null, null, null, e.actor_id, e.actor_role, now()
  from unnest(array['a' || lpad(to_hex(:client_id::int), 7, '0') || '-0000-4000-8000-' || lpad(to_hex(:n::bigint), 12, '0'),
                    'b' || lpad(to_hex(:client_id::int), 7, '0') || '-0000-4000-8000-' || lpad(to_hex(:n::bigint), 12, '0')]::uuid[],
              array[1, 1]::int[], array['PENDING_PAYMENT', 'PENDING_PAYMENT']::text[], array[:buyer, :buyer]::uuid[],
              array['BUYER', 'BUYER']::text[]) as e(order_id, sequence, status, actor_id, actor_role);
-- the outbox: one publication per OrderStatusChanged (one listener, realtime's OrderStatusFrames)
insert into event_publication (id, event_type, listener_id, publication_date, serialized_event, status,
                               completion_attempts, last_resubmission_date)
values (gen_random_uuid(), 'com.betanet.marketplace.ordering.OrderStatusChanged',
        'com.betanet.marketplace.realtime.delivery.OrderStatusFrames.on(com.betanet.marketplace.ordering.OrderStatusChanged)',
        now(), json_build_object('orderId', '00000000-0000-4000-8000-000000000001', 'checkoutId', '00000000-0000-4000-8000-000000000002',
                          'buyerId', :buyer::text, 'sellerId', :s1::text, 'sequence', 1, 'status', 'PENDING_PAYMENT',
                          'previousStatus', null, 'trackingNumber', null, 'note', null, 'at', now())::text,
        'PUBLISHED', 0, null);
insert into event_publication (id, event_type, listener_id, publication_date, serialized_event, status,
                               completion_attempts, last_resubmission_date)
values (gen_random_uuid(), 'com.betanet.marketplace.ordering.OrderStatusChanged',
        'com.betanet.marketplace.realtime.delivery.OrderStatusFrames.on(com.betanet.marketplace.ordering.OrderStatusChanged)',
        now(), json_build_object('orderId', '00000000-0000-4000-8000-000000000005', 'checkoutId', '00000000-0000-4000-8000-000000000002',
                          'buyerId', :buyer::text, 'sellerId', :s2::text, 'sequence', 1, 'status', 'PENDING_PAYMENT',
                          'previousStatus', null, 'trackingNumber', null, 'note', null, 'at', now())::text,
        'PUBLISHED', 0, null);
-- the response's faces (OrderViews.placed), then the stored response (IdempotentRequests.complete)
select id, username, full_name, avatar_key from users where id in (:buyer::uuid);
select id, username, shop_name from users where id in (:s1::uuid, :s2::uuid);
update idempotency_keys set status = 'COMPLETED', response_status = 201, response_body = '\x7b7d'::bytea
 where user_id = :buyer::uuid and idempotency_key = 'k' || :client_id || '-' || :n;
commit;

-- Bench data of bench/run-realtime-bench.sh, written straight into the bench database after the server migrated it
-- (registering 10 000 users over HTTP would spend minutes in Argon2; the STOMP CONNECT only needs the row to exist
-- and not be suspended, see AccountStatusCheck). psql variables: buyers, warmup, sellers.
--   :buyers buyers (bench-buyer-N) and :warmup more (bench-warm-N, for the warm-up), each with one CONFIRMED order
--   from one of :sellers sellers;
--   one more buyer (bench-fanout) with one CONFIRMED order: its topic is the fan-out topic.
begin;
insert into users (id, email, email_verified, username, full_name, shop_name, seller, created_at, updated_at)
select gen_random_uuid(), 'bench-seller-' || n || '@bench.local', true, 'bench_seller_' || n, 'Bench Seller ' || n,
       'Bench Shop ' || n, true, now(), now()
from generate_series(1, :sellers) n;

insert into users (id, email, email_verified, username, full_name, seller, created_at, updated_at)
select gen_random_uuid(), 'bench-buyer-' || n || '@bench.local', true, 'bench_buyer_' || n, 'Bench Buyer ' || n,
       false, now(), now()
from generate_series(1, :buyers) n
union all
select gen_random_uuid(), 'bench-warm-' || n || '@bench.local', true, 'bench_warm_' || n, 'Bench Warm-up ' || n,
       false, now(), now()
from generate_series(1, :warmup) n
union all
select gen_random_uuid(), 'bench-fanout@bench.local', true, 'bench_fanout', 'Bench Fan-out', false, now(), now();

create temporary table bench_orders on commit drop as
select gen_random_uuid() as order_id, gen_random_uuid() as checkout_id, b.id as buyer_id, s.id as seller_id
from (select id, row_number() over (order by id) as n from users where email like 'bench-buyer-%' or email like 'bench-warm-%'
                                                                    or email = 'bench-fanout@bench.local') b
join (select id, row_number() over (order by id) - 1 as n from users where seller) s
  on s.n = b.n % :sellers;

insert into checkouts (id, buyer_id, status, total_amount, currency, shipping_address, expires_at, created_at,
                       updated_at)
select checkout_id, buyer_id, 'PAID', 1000, 'KES',
       '{"fullName":"Wanjiku Kamau","phoneNumber":"+254 712 345678","line1":"Moi Avenue 12","city":"Nairobi","country":"KE"}',
       now() + interval '1 hour', now(), now()
from bench_orders;

insert into orders (id, checkout_id, buyer_id, seller_id, status, subtotal_amount, currency, shipping_address,
                    created_at, updated_at)
select order_id, checkout_id, buyer_id, seller_id, 'CONFIRMED', 1000, 'KES',
       '{"fullName":"Wanjiku Kamau","phoneNumber":"+254 712 345678","line1":"Moi Avenue 12","city":"Nairobi","country":"KE"}',
       now(), now()
from bench_orders;

insert into order_events (order_id, sequence, status, previous_status, actor_id, actor_role, at)
select order_id, 1, 'PENDING_PAYMENT', null, buyer_id, 'BUYER', now() from bench_orders
union all
select order_id, 2, 'CONFIRMED', 'PENDING_PAYMENT', null, 'SYSTEM', now() from bench_orders;
commit;
analyze;

-- The database work of one order status change and its real-time delivery, in plain SQL (pgbench, prepared): the
-- seller's transaction (lock the order, update it, append to its timeline, write the outbox row, read back the view
-- the request answers with), then Spring Modulith's two registry transactions around the listener (mark the
-- publication PROCESSING, delete it once completed). Orders are picked at random from bench_floor_orders.
\set n random(1, :orders)
BEGIN;
SELECT o.id, o.buyer_id, o.seller_id, o.status, o.version FROM orders o
 WHERE o.id = (SELECT id FROM bench_floor_orders WHERE n = :n) FOR UPDATE OF o;
UPDATE orders SET updated_at = now(), version = version + 1
 WHERE id = (SELECT id FROM bench_floor_orders WHERE n = :n) RETURNING version, buyer_id, seller_id \gset
INSERT INTO order_events (order_id, sequence, status, previous_status, note, tracking_number, actor_id, actor_role, at)
VALUES ((SELECT id FROM bench_floor_orders WHERE n = :n), 1000 + :version, 'SHIPPED', 'PROCESSING', NULL,
        'BENCH-TRACKING-0000000000', :seller_id::uuid, 'SELLER', now());
INSERT INTO event_publication (id, event_type, listener_id, publication_date, serialized_event, status,
                               completion_attempts)
VALUES (gen_random_uuid(), 'com.betanet.marketplace.ordering.OrderStatusChanged',
        'com.betanet.marketplace.realtime.delivery.OrderStatusFrames.on(com.betanet.marketplace.ordering.OrderStatusChanged)',
        now(),
        '{"orderId":"' || :buyer_id || '","checkoutId":"' || :seller_id || '","buyerId":"' || :buyer_id
        || '","sellerId":"' || :seller_id || '","sequence":' || :version
        || ',"status":"SHIPPED","previousStatus":"PROCESSING","trackingNumber":"BENCH-TRACKING-0000000000","note": null,"at":"2026-11-27T22:00:00Z"}',
        'PUBLISHED', 0)
RETURNING id AS publication \gset
SELECT o.id, o.checkout_id, o.buyer_id, o.seller_id, o.status, o.currency, o.subtotal_amount, o.shipping_address,
       o.tracking_number, o.created_at, o.updated_at
  FROM orders o WHERE o.id = (SELECT id FROM bench_floor_orders WHERE n = :n);
SELECT i.order_id, i.product_id, i.title, i.unit_price_amount, i.quantity, i.line_total_amount, o.currency
  FROM order_items i JOIN orders o ON o.id = i.order_id
 WHERE i.order_id = (SELECT id FROM bench_floor_orders WHERE n = :n) ORDER BY i.order_id, i.product_id;
SELECT id, username, full_name, avatar_key FROM users WHERE id = :buyer_id::uuid;
SELECT id, username, shop_name FROM users WHERE id = :seller_id::uuid;
COMMIT;
BEGIN;
UPDATE event_publication SET status = 'PROCESSING' WHERE id = :publication::uuid AND status != 'PROCESSING';
COMMIT;
BEGIN;
DELETE FROM event_publication WHERE id = :publication::uuid;
COMMIT;

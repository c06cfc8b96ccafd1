-- One webhook delivery in plain SQL, in one statement (autocommit): the next delivery of floor.deliveries; record it
-- in the inbox with INSERT … ON CONFLICT DO NOTHING (a duplicate stops there); for a new one, one ledger transfer row
-- and the two account updates (the provider's clearing account, shared by all, and the event's escrow). The payload
-- is a Stripe payment_intent.succeeded event of the size the app stores (a space after each colon: pgbench would
-- read ":name" as a variable).
with d as materialized (
    select provider, external_id, escrow_id, amount
      from floor.deliveries where seq = (select nextval('floor.cursor'))),
ins as (
    insert into floor.payment_inbox (provider, external_id, payload, received_at)
    select provider, external_id, '{"id": "evt_floor","object": "event","api_version": "2026-07-29.dahlia","created": 1778000000,"livemode": false,"pending_webhooks": 1,"request": {"id": null,"idempotency_key": "idem-floor"},"type": "payment_intent.succeeded","data": {"object": {"id": "pi_floor","object": "payment_intent","amount": 123400,"amount_capturable": 0,"amount_received": 123400,"capture_method": "automatic","client_secret": "pi_floor_secret_bench","confirmation_method": "automatic","created": 1778000000,"currency": "kes","livemode": false,"metadata": {"purpose": "CHECKOUT"},"payment_method_types": ["card"],"status": "succeeded","latest_charge": "ch_floor","last_payment_error": null}}}'::jsonb, now()
      from d
    on conflict do nothing
    returning provider, external_id),
t as (
    insert into floor.ledger_transfers (id, debit_account_id, credit_account_id, amount, currency, code,
                                        reference_type, reference_id, description, two_phase, state, created_at,
                                        updated_at)
    select gen_random_uuid(), c.id, d.escrow_id, d.amount, 'KES', 'PAYMENT', 'PAYMENT', gen_random_uuid(),
           'Payment ' || d.external_id, false, 'POSTED', now(), now()
      from ins join d using (provider, external_id)
      join floor.ledger_accounts c on c.type = 'CLEARING' and c.owner = d.provider and c.currency = 'KES'
    returning debit_account_id, credit_account_id, amount),
debit as (
    update floor.ledger_accounts a set debits_posted = debits_posted + t.amount from t where a.id = t.debit_account_id),
credit as (
    update floor.ledger_accounts a set credits_posted = credits_posted + t.amount from t where a.id = t.credit_account_id)
select count(*) from ins;

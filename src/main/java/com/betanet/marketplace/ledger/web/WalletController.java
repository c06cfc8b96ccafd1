package com.betanet.marketplace.ledger.web;

import com.betanet.marketplace.ledger.AccountKey;
import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.ledger.Ledger.Entry;
import com.betanet.marketplace.ledger.Ledger.TransferState;
import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.CursorCodec;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's wallet: what the platform owes them, in the marketplace currency, and the lines behind it. */
@RestController
@Tag(name = "Wallet", description = "The caller's balance and ledger lines")
class WalletController {

    private static final String ENTRIES = "wallet-entries";

    private final Ledger ledger;
    private final CursorCodec cursors;
    private final String currency;

    WalletController(Ledger ledger, CursorCodec cursors, @Value("${marketplace.currency}") String currency) {
        this.ledger = ledger;
        this.cursors = cursors;
        this.currency = currency;
    }

    record WalletView(Money available, Money held, Money pendingPayouts) {}

    record EntryView(
            UUID id,
            Money amount,
            String type,
            TransferState status,
            String referenceType,
            UUID referenceId,
            @Nullable String description,
            Instant createdAt) {

        static EntryView of(Entry entry) {
            return new EntryView(
                    entry.transferId(),
                    entry.amount(),
                    entry.code(),
                    entry.state(),
                    entry.referenceType(),
                    entry.referenceId(),
                    entry.description(),
                    entry.createdAt());
        }
    }

    record EntriesCursor(
            @Nullable String kind,
            @Nullable UUID owner,
            @Nullable UUID before) {}

    @GetMapping("/api/v1/wallet")
    @Operation(
            summary = "The caller's wallet",
            description = "available: what may be paid out now (posted credits − posted debits − pending debits); "
                    + "held: money on its way to the caller but still in escrow (shares of paid orders not yet "
                    + "completed, accepted ad rewards not yet approved); pendingPayouts: payouts sent but not yet "
                    + "confirmed.")
    @ProblemCodes({"401 unauthorized"})
    WalletView wallet(CurrentUser caller) {
        var balance = ledger.balance(AccountKey.wallet(caller.id()), currency);
        return new WalletView(balance.available(), balance.incoming(), balance.outgoing());
    }

    @GetMapping("/api/v1/wallet/entries")
    @Operation(
            summary = "The caller's wallet lines, newest first",
            description = "amount is signed: + money in, − money out. status PENDING lines are held (incoming) or "
                    + "reserved (outgoing); VOIDED lines were released again and changed nothing; they are listed so "
                    + "that a failed payout or a cancelled hold stays visible.")
    @ProblemCodes({"400 validation_failed", "401 unauthorized"})
    Page<EntryView> entries(
            CurrentUser caller,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        var page = PageRequest.of(limit, cursor);
        var after = cursors.decodeFor(
                page.cursor(),
                EntriesCursor.class,
                position -> ENTRIES.equals(position.kind())
                        && caller.id().equals(position.owner())
                        && position.before() != null);
        var before = after == null ? null : after.before();
        var rows = ledger.entries(AccountKey.wallet(caller.id()), currency, page.fetchSize(), before);
        return Page.of(
                        rows,
                        page.limit(),
                        last -> cursors.encode(new EntriesCursor(ENTRIES, caller.id(), last.transferId())))
                .map(EntryView::of);
    }
}

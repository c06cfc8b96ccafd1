package com.betanet.marketplace.ledger.web;

import com.betanet.marketplace.ledger.AccountType;
import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.ledger.Ledger.AccountBalance;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ledger as admins see it. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Admin: ledger", description = "Proof that every account sums to zero")
class LedgerAdminController {

    private final Ledger ledger;

    LedgerAdminController(Ledger ledger) {
        this.ledger = ledger;
    }

    /** One account's sums in minor units of its currency; {@code balance} = credits posted − debits posted. */
    record AccountView(
            AccountType type,
            String owner,
            String currency,
            long debitsPosted,
            long creditsPosted,
            long debitsPending,
            long creditsPending,
            long balance) {

        static AccountView of(AccountBalance line) {
            var sums = line.balance();
            return new AccountView(
                    line.account().type(),
                    line.account().owner(),
                    sums.currency(),
                    sums.debitsPosted(),
                    sums.creditsPosted(),
                    sums.debitsPending(),
                    sums.creditsPending(),
                    sums.creditsPosted() - sums.debitsPosted());
        }
    }

    record TrialBalanceView(boolean balanced, List<AccountView> accounts) {}

    @GetMapping("/api/v1/admin/ledger/trial-balance")
    @Operation(
            summary = "Every ledger account's sums",
            description = "balanced: for every currency, posted debits equal posted credits and pending debits equal "
                    + "pending credits. Accounts are ordered by currency, type and owner.")
    @ProblemCodes({"401 unauthorized", "403 forbidden"})
    TrialBalanceView trialBalance(CurrentUser admin) { // CurrentUser marks the endpoint as bearer-secured
        var trial = ledger.trialBalance();
        return new TrialBalanceView(
                trial.balanced(), trial.accounts().stream().map(AccountView::of).toList());
    }
}

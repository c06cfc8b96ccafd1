package com.betanet.marketplace.identity.oauth.web;

import com.betanet.marketplace.identity.oauth.LinkedIdentityService;
import com.betanet.marketplace.identity.oauth.LinkedIdentityService.LinkedIdentity;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.CursorCodec;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users/me/identities")
@Tag(name = "Users")
class LinkedIdentityController {

    private final LinkedIdentityService identities;
    private final CursorCodec cursors;

    LinkedIdentityController(LinkedIdentityService identities, CursorCodec cursors) {
        this.identities = identities;
        this.cursors = cursors;
    }

    /** Where a page ended: the provider of its last identity (at most one per provider). */
    record Position(String provider) {}

    @GetMapping
    @Operation(
            summary = "The provider identities (Google, Facebook, X) linked to the caller's account",
            description = "Oldest link first; at most one per provider, so the default page holds them all.")
    @ProblemCodes({"400 validation_failed", "401 unauthorized"})
    Page<LinkedIdentity> list(
            CurrentUser caller,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        var page = PageRequest.of(limit, cursor);
        var rest = identities.of(caller.id());
        if (page.cursor() != null) {
            var after = cursors.decode(page.cursor(), Position.class).provider();
            int index = rest.stream().map(LinkedIdentity::provider).toList().indexOf(after);
            rest = index < 0 ? List.of() : rest.subList(index + 1, rest.size());
        }
        var rowsPlusOne = rest.subList(0, Math.min(rest.size(), page.fetchSize()));
        return Page.of(rowsPlusOne, page.limit(), last -> cursors.encode(new Position(last.provider())));
    }

    @DeleteMapping("/{provider}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Unlink the caller's identity at a provider",
            description = "Refused with 409 last_sign_in_method when it is the account's only way to sign in (no"
                    + " password and no other identity).")
    @ProblemCodes({"401 unauthorized", "404 not_found", "409 last_sign_in_method"})
    void unlink(CurrentUser caller, @PathVariable String provider) {
        identities.unlink(caller.id(), provider);
    }
}

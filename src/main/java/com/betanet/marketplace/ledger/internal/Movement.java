package com.betanet.marketplace.ledger.internal;

/** The change a call makes to one account's four sums; the sums of every transfer of the call that touch it. */
record Movement(long debitsPosted, long creditsPosted, long debitsPending, long creditsPending) {

    static final Movement NONE = new Movement(0, 0, 0, 0);

    Movement plus(Movement other) {
        return new Movement(
                Math.addExact(debitsPosted, other.debitsPosted),
                Math.addExact(creditsPosted, other.creditsPosted),
                Math.addExact(debitsPending, other.debitsPending),
                Math.addExact(creditsPending, other.creditsPending));
    }

    /** Whether this moves credits only, which can never overdraw an account. */
    boolean creditsOnly() {
        return debitsPosted == 0 && debitsPending == 0;
    }

    static Movement debit(long amount, boolean pending) {
        return pending ? new Movement(0, 0, amount, 0) : new Movement(amount, 0, 0, 0);
    }

    static Movement credit(long amount, boolean pending) {
        return pending ? new Movement(0, 0, 0, amount) : new Movement(0, amount, 0, 0);
    }

    /** A pending debit becomes posted (posting a held transfer). */
    static Movement postDebit(long amount) {
        return new Movement(amount, 0, -amount, 0);
    }

    static Movement postCredit(long amount) {
        return new Movement(0, amount, 0, -amount);
    }

    /** A pending debit is given back (voiding a held transfer). */
    static Movement voidDebit(long amount) {
        return new Movement(0, 0, -amount, 0);
    }

    static Movement voidCredit(long amount) {
        return new Movement(0, 0, 0, -amount);
    }
}

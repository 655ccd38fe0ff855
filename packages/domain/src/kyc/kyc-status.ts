export type KycStatus = 'pending' | 'in_progress' | 'approved' | 'rejected';
/** `retry`: the trader may resubmit; `final`: the case is closed for good. */
export type KycRejectionKind = 'retry' | 'final';

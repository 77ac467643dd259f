/**
 * google.cloudidentity.userinvitations: typed client.
 * Generated from docs/providers/google/cloudidentity/userinvitations/index.md; do not edit.
 */
import type { ResourceDescriptor } from '../../../runtime/resource-client.js';

/** Every column a SELECT can return. */
export interface Row {
  /** Shall be of the form customers/{customer}/userinvitations/{user_email_address}. */
  name: string | null;
  /** Number of invitation emails sent to the user. (int64) */
  mailsSentCount: string | null;
  /** State of the UserInvitation. */
  state: string | null;
  /** Time when the UserInvitation was last updated. (google-datetime) */
  updateTime: string | null;
  /**
   * The token for the next page. If not empty, indicates that there may be more UserInvitation
   * resources that match the listing request; this value can be used in a subsequent
   * ListUserInvitationsRequest…
   */
  nextPageToken: string | null;
  /** The list of UserInvitation resources. */
  userInvitations: unknown[] | null;
}

export interface GetArgs {
  customersId: string;
  userinvitationsId: string;
}

export type GetRow = Pick<Row, 'name' | 'mailsSentCount' | 'state' | 'updateTime'>;

export interface ListArgs {
  customersId: string;
  pageSize?: number;
  pageToken?: string;
  filter?: string;
  orderBy?: string;
}

export type ListRow = Pick<Row, 'nextPageToken' | 'userInvitations'>;

export type SendArgs = GetArgs;

export type CancelArgs = GetArgs;

export type IsInvitableUserArgs = GetArgs;

/** The methods, as documented: arguments, and for SELECT the rows. */
export interface Methods {
  /**
   * Retrieves a UserInvitation resource. Note: New consumer accounts with the customer's verified
   * domain created within the previous 48 hours will not appear in the result. This delay also
   * applies to newly-verified domains.
   */
  get: { verb: 'select'; args: GetArgs; row: GetRow; defaults: keyof GetRow };
  /**
   * Retrieves a list of UserInvitation resources. Note: New consumer accounts with the customer's
   * verified domain created within the previous 48 hours will not appear in the result. This delay
   * also applies to newly-verified domains.
   */
  list: { verb: 'select'; args: ListArgs; row: ListRow; defaults: keyof ListRow };
  /**
   * Sends a UserInvitation to email. If the UserInvitation does not exist for this request and it
   * is a valid request, the request creates a UserInvitation.
   */
  send: { verb: 'exec'; args: SendArgs };
  /** Cancels a UserInvitation that was already sent. */
  cancel: { verb: 'exec'; args: CancelArgs };
  /**
   * Verifies whether a user account is eligible to receive a UserInvitation (is an unmanaged
   * account). Eligibility is based on the following criteria: * the email address is a consumer
   * account and it's the primary email address of the account,…
   */
  is_invitable_user: { verb: 'exec'; args: IsInvitableUserArgs };
}

/** Where each argument goes, per method: userinvitations.js. */
export declare const resource: ResourceDescriptor<Methods>;

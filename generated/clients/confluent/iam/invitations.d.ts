/**
 * confluent.iam.invitations: typed client.
 * Generated from docs/providers/confluent/iam/invitations/index.md; do not edit.
 */
import type { ResourceDescriptor } from '../../../runtime/resource-client.js';

/** Every column a SELECT can return. */
export interface Row {
  /**
   * ID is the "natural identifier" for an object within its scope/namespace; it is normally unique
   * across time but not space.
   */
  id: string | null;
  /** The timestamp that the invitation was accepted */
  accepted_at: string | null;
  /** APIVersion defines the schema version of this representation of a resource. */
  api_version: string | null;
  /**
   * The user/invitee's authentication type. Note that only the OrganizationAdmin role can invite
   * AUTH_TYPE_LOCAL users to SSO organizations.
   */
  auth_type: string | null;
  /** The invitation creator */
  creator: { id?: string; [key: string]: unknown } | null;
  /** The user/invitee's email address */
  email: string | null;
  /** The timestamp that the invitation will expire */
  expires_at: string | null;
  /** Kind defines the object this REST resource represents. */
  kind: string | null;
  /**
   * ObjectMeta is metadata that all persisted resources must have, which includes all objects users
   * must create.
   */
  metadata: unknown;
  /** The status of invitations */
  status: string | null;
  /** The user/invitee */
  user: { id?: string; [key: string]: unknown } | null;
}

export interface GetIamV2invitationArgs {
  id: string;
}

export type GetIamV2invitationRow = Row;

export type ListIamV2invitationsArgs = Record<string, never>;

export type ListIamV2invitationsRow = GetIamV2invitationRow;

export interface CreateIamV2invitationArgs {
  email?: string;
}

export type DeleteIamV2invitationArgs = GetIamV2invitationArgs;

/** The methods, as documented: arguments, and for SELECT the rows. */
export interface Methods {
  /** Make a request to read an invitation. (General Availability) */
  get_iam_v2invitation: {
    verb: 'select';
    args: GetIamV2invitationArgs;
    row: GetIamV2invitationRow;
    defaults: keyof GetIamV2invitationRow;
  };
  /** Retrieve a sorted, filtered, paginated list of all invitations. (General Availability) */
  list_iam_v2invitations: {
    verb: 'select';
    args: ListIamV2invitationsArgs;
    row: ListIamV2invitationsRow;
    defaults: keyof ListIamV2invitationsRow;
  };
  /**
   * Make a request to create an invitation. The newly invited user will not have any permissions.
   * Give the user permission by assigning them to one or more roles by creating role bindings for
   * the created user. (General Availability)
   */
  create_iam_v2invitation: { verb: 'insert'; args: CreateIamV2invitationArgs };
  /**
   * Make a request to delete an invitation. Delete will deactivate the user if the user didn't
   * accept the invitation yet. (General Availability)
   */
  delete_iam_v2invitation: { verb: 'delete'; args: DeleteIamV2invitationArgs };
}

/** Where each argument goes, per method: invitations.js. */
export declare const resource: ResourceDescriptor<Methods>;

/** Repositories of the community context, bound to the unit of work's transaction. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CommunityRepositories {}

export { PolicyFollower } from './policy-follower';
export type { PolicyFollowerOptions, PolicySwitchListener } from './policy-follower';

import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { PolicyFollower } from '@stageplus/sla-policy-feed';
import { ViewerGuard } from '../session/viewer.guard';
import { policyVersionsOf } from './policy-versions';

/**
 * `GET /v1/policy`: the policy version in force and the versions published before it, newest
 * first, as followed on `sla.policy`. The same for every key: the policy is the vendor's contract,
 * not an establishment's data.
 */
@Controller('v1/policy')
@UseGuards(ViewerGuard)
export class PolicyController {
  constructor(@Inject(PolicyFollower) private readonly policies: PolicyFollower) {}

  @Get()
  read() {
    return policyVersionsOf(this.policies.history);
  }
}

import { Controller, Get } from '@nestjs/common';
import { openApiDocument } from './openapi.document';

/** `GET /openapi.json`: the hand-written contract of this API. */
@Controller()
export class OpenApiController {
  @Get('openapi.json')
  document(): typeof openApiDocument {
    return openApiDocument;
  }
}

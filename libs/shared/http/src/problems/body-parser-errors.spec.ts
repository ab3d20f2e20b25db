import { bodyParserProblem } from './body-parser-errors';

const parserError = (fields: Record<string, unknown>) => Object.assign(new Error('parser message'), fields);

describe('problems for body-parser errors', () => {
  it('maps an unsupported charset to its 415, with the message body-parser marks safe', () => {
    const problem = bodyParserProblem(parserError({ type: 'charset.unsupported', status: 415, expose: true }));
    expect(problem?.problem).toMatchObject({ type: 'about:blank', title: 'Unsupported Media Type', status: 415 });
  });

  it('leaves server-side parser failures and foreign errors to the 500 path', () => {
    expect(bodyParserProblem(parserError({ type: 'stream.encoding.set', status: 500, expose: false }))).toBeNull();
    expect(bodyParserProblem(new Error('boom'))).toBeNull();
    expect(bodyParserProblem(null)).toBeNull();
  });
});

'use strict';
/**
 * Refuses a code written as a string at the throw site of a domain error: `new NotFoundError('LOAN_NOT_FOUND', …)`.
 * Codes come from a context's `errors.ts` enum (or `CommonErrorCode`), so every code the API can answer is listed
 * in one place, has its messages, and appears in the OpenAPI document.
 *
 * Checked: the code argument of `new X(…)` (also `new ns.X(…)`) and of `super(…)` in a class extending X, for the
 * domain error classes below: the first argument, except `DomainError` whose first is the kind and second the code.
 * A string, a template, or either inside `a ? b : c`, `a ?? b`, `a + b` or a type assertion is refused.
 */
const CODE_ARGUMENT = {
  BadInputError: 0,
  NotFoundError: 0,
  ConflictError: 0,
  InvalidStateError: 0,
  RuleViolationError: 0,
  ForbiddenError: 0,
  UnauthenticatedError: 0,
  RateLimitedError: 0,
  ServiceUnavailableError: 0,
  DomainError: 1,
};

function className(node) {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    return node.property.name;
  }
  return undefined;
}

/** The string or template literal an expression is, or may evaluate to; undefined when it names something. */
function writtenString(node) {
  if (!node) return undefined;
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? node : undefined;
    case 'TemplateLiteral':
      return node;
    case 'ConditionalExpression':
      return writtenString(node.consequent) ?? writtenString(node.alternate);
    case 'LogicalExpression':
    case 'BinaryExpression':
      return writtenString(node.left) ?? writtenString(node.right);
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
      return writtenString(node.expression);
    default:
      return undefined;
  }
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Domain error codes come from an error-code enum, not a string literal' },
    schema: [],
    messages: {
      literal:
        "The code of {{cls}} is written as a string here: add it to the context's errors.ts enum " +
        '(or CommonErrorCode) and pass the enum member.',
    },
  },
  create(context) {
    function check(cls, args) {
      const index = CODE_ARGUMENT[cls];
      if (index === undefined) return;
      const arg = args[index];
      if (!arg || arg.type === 'SpreadElement') return;
      const literal = writtenString(arg);
      if (literal) context.report({ node: literal, messageId: 'literal', data: { cls } });
    }
    return {
      NewExpression(node) {
        check(className(node.callee), node.arguments);
      },
      'CallExpression[callee.type="Super"]'(node) {
        const owner = context.sourceCode
          .getAncestors(node)
          .findLast((n) => n.type === 'ClassDeclaration' || n.type === 'ClassExpression');
        check(className(owner && owner.superClass), node.arguments);
      },
    };
  },
};

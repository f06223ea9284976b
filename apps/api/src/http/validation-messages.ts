import type { Messages } from '@mla/core';

/**
 * The zh-CN (and English) text of each rule a request field can break: class-validator's constraint names
 * (`isNotEmpty`, `maxLength`, …), our own decorators (`isLocalDate`) and the checks the pipe and the JSON body
 * parser make before any DTO is seen. Placeholders come from the problem: `{field}` and the rule's limits.
 * English answers keep class-validator's own message, which names the exact limit; these English templates
 * serve the reference endpoint and the rules that have no such message.
 */
export const VALIDATION_RULE_MESSAGES = {
  isNotEmpty: { 'zh-CN': '「{field}」不能为空', en: '{field} should not be empty' },
  isDefined: { 'zh-CN': '「{field}」为必填项', en: '{field} is required' },
  isString: { 'zh-CN': '「{field}」须为文本', en: '{field} must be a string' },
  isInt: { 'zh-CN': '「{field}」须为整数', en: '{field} must be an integer number' },
  isNumber: { 'zh-CN': '「{field}」须为数字', en: '{field} must be a number' },
  isBoolean: { 'zh-CN': '「{field}」须为 true 或 false', en: '{field} must be true or false' },
  isPositive: { 'zh-CN': '「{field}」须为正数', en: '{field} must be a positive number' },
  min: {
    'zh-CN': ['「{field}」不能小于{min}', '「{field}」小于允许的最小值'],
    en: ['{field} must not be less than {min}', '{field} is below the minimum'],
  },
  max: {
    'zh-CN': ['「{field}」不能大于{max}', '「{field}」大于允许的最大值'],
    en: ['{field} must not be greater than {max}', '{field} is above the maximum'],
  },
  minLength: {
    'zh-CN': ['「{field}」不能少于{min}个字符', '「{field}」过短'],
    en: ['{field} must be at least {min} characters', '{field} is too short'],
  },
  maxLength: {
    'zh-CN': ['「{field}」不能超过{max}个字符', '「{field}」过长'],
    en: ['{field} must be at most {max} characters', '{field} is too long'],
  },
  length: { 'zh-CN': '「{field}」的长度不符合要求', en: '{field} has the wrong length' },
  isIn: {
    'zh-CN': ['「{field}」须为以下值之一：{values}', '「{field}」不是允许的取值'],
    en: ['{field} must be one of: {values}', '{field} is not one of the allowed values'],
  },
  isEnum: {
    'zh-CN': ['「{field}」须为以下值之一：{values}', '「{field}」不是允许的取值'],
    en: ['{field} must be one of: {values}', '{field} is not one of the allowed values'],
  },
  isLocalDate: {
    'zh-CN': '「{field}」须为有效的日期，格式为 YYYY-MM-DD',
    en: '{field} must be a real date YYYY-MM-DD',
  },
  isDateString: {
    'zh-CN': '「{field}」须为有效的日期（ISO 8601 格式）',
    en: '{field} must be a valid ISO 8601 date',
  },
  isIso8601: {
    'zh-CN': '「{field}」须为有效的日期或时间（ISO 8601 格式）',
    en: '{field} must be a valid ISO 8601 date',
  },
  isUuid: { 'zh-CN': '「{field}」须为有效的编号（UUID）', en: '{field} must be a UUID' },
  matches: { 'zh-CN': '「{field}」的格式不正确', en: '{field} is not in the expected format' },
  isArray: { 'zh-CN': '「{field}」须为列表', en: '{field} must be an array' },
  arrayNotEmpty: { 'zh-CN': '「{field}」至少需要一项', en: '{field} should not be empty' },
  arrayMinSize: {
    'zh-CN': ['「{field}」至少需要{min}项', '「{field}」的项数不足'],
    en: ['{field} must contain at least {min} elements', '{field} has too few elements'],
  },
  arrayMaxSize: {
    'zh-CN': ['「{field}」最多只能有{max}项', '「{field}」的项数过多'],
    en: ['{field} must contain no more than {max} elements', '{field} has too many elements'],
  },
  arrayUnique: { 'zh-CN': '「{field}」中不能有重复项', en: '{field} must not repeat an element' },
  isObject: { 'zh-CN': '「{field}」须为对象', en: '{field} must be an object' },
  nestedValidation: { 'zh-CN': '「{field}」的格式不正确', en: '{field} must be an object or an array' },
  whitelistValidation: { 'zh-CN': '不能提交字段「{field}」', en: 'property {field} should not exist' },
  notNull: { 'zh-CN': '「{field}」不能为 null', en: '{field} must not be null' },
  cleanText: {
    'zh-CN': '「{field}」含有不允许的字符（空字符或不成对的代理字符）',
    en: '{field} must not contain NUL characters or unpaired UTF-16 surrogates',
  },
  bodyObject: { 'zh-CN': '请求内容须为 JSON 对象', en: 'The request body must be a JSON object' },
  jsonDepth: {
    'zh-CN': ['请求内容的嵌套层级不能超过{max}层', '请求内容的嵌套层级过深'],
    en: ['The JSON body nests deeper than {max} levels', 'The JSON body nests too deep'],
  },
  utf8: { 'zh-CN': '请求内容须为 UTF-8 编码', en: 'The JSON body is not valid UTF-8' },
  jsonShape: { 'zh-CN': '请求内容须为 JSON 对象或数组', en: 'The JSON body must be an object or an array' },
  jsonSyntax: { 'zh-CN': '请求内容不是有效的 JSON', en: 'The JSON body is not valid JSON' },
  /** Any rule not listed above (a new decorator): still Chinese, still naming the field. */
  unknown: { 'zh-CN': '「{field}」不符合要求', en: '{field} is invalid' },
} as const satisfies Record<string, Messages>;

export type ValidationRule = keyof typeof VALIDATION_RULE_MESSAGES;

export function isKnownRule(rule: string): rule is ValidationRule {
  return Object.hasOwn(VALIDATION_RULE_MESSAGES, rule);
}

/** Pages the content script runs on by itself. Shared by the manifest and the runtime. */
export const GOV_CN_MATCHES = ['*://*.gov.cn/*'];

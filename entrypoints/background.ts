export default defineBackground(() => {
  // Nothing yet: the background gains the on-demand injection in the extension issue.
});

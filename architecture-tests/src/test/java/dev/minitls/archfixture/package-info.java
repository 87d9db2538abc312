/**
 * Deliberately broken mini-hexagon (domain, crypto, transport, cli) on which every architecture rule must report a
 * violation. Test code only: the production import never sees it.
 */
package dev.minitls.archfixture;

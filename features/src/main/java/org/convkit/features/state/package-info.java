/** {@link org.convkit.features.state.ModelState}: learnt state as named float arrays and strings, for model files. */
package org.convkit.features.state;

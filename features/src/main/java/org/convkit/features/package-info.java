/** Descriptors (HOG, GIST, dense SIFT), encoders and the linear-SVM baseline. */
package org.convkit.features;

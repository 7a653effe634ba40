// Copies the icons of nodes and credentials (SVG or PNG, light and dark) next to their compiled files in dist/.
const { src, dest, task } = require('gulp');

function copyIcons() {
	return src(['nodes/**/*.{svg,png}', 'credentials/**/*.{svg,png}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

task('build:icons', copyIcons);

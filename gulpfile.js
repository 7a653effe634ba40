// Copies the SVG icons of nodes and credentials next to their compiled files in dist/.
const { src, dest, task } = require('gulp');

function copyIcons() {
	return src(['nodes/**/*.svg', 'credentials/**/*.svg'], { base: '.', encoding: false }).pipe(dest('dist'));
}

task('build:icons', copyIcons);

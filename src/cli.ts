#!/usr/bin/env node
console.log('drq');

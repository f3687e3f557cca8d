;redcode-94
;name Scanner
;author drq
;strategy Scanner: compares cells a step apart; on a difference it bombs there with SPL, then clears.
;assert CORESIZE == 8000
step    equ     12
scan    add.f   inc, ptr
ptr     sne.i   100, 100+step/2
        djn.f   scan, <-300
        mov.ab  #step, count
bomb    mov.i   split, >ptr
count   djn.b   bomb, #step
        jmn.a   scan, ptr
split   spl.b   #0, #0
clear   mov.i   wipe, >wipe-1
        djn.f   clear, {clear-2
inc     dat.f   #step, #step
wipe    dat.f   #0, #2
        end     scan
